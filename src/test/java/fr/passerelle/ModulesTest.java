package fr.passerelle;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModule;
import org.springframework.modulith.core.ApplicationModuleDependencies;
import org.springframework.modulith.core.ApplicationModuleInformation;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

/**
 * The module map holds: no cycle between modules, and no module reaches into another's internals (a sub-package or
 * type that is not a named interface). The module documentation in {@code docs/modules/} is written from the same
 * model, so it cannot drift from the code. See "Module map" in the README.
 */
class ModulesTest {

    static final ApplicationModules MODULES = ApplicationModules.of(PasserelleApplication.class);

    @Test
    void modulesDependOnEachOtherOneWayAndOnlyThroughTheirApi() {
        MODULES.verify();
    }

    /**
     * A module without {@code @ApplicationModule(allowedDependencies = ...)} in its package-info may use any other
     * module's API, so a new dependency would go unnoticed: each module lists exactly what it uses (an empty list for
     * none), and one that does not fails here.
     */
    @Test
    void everyModuleDeclaresWhatItMayUse() {
        assertThat(MODULES.stream())
                .filteredOn(module -> ApplicationModuleInformation.of(module.getBasePackage()).getDeclaredDependencies()
                        .contains(org.springframework.modulith.ApplicationModule.OPEN_TOKEN))
                .extracting(module -> module.getIdentifier().toString())
                .as("modules without allowedDependencies in their package-info")
                .isEmpty();
    }

    /**
     * And no more than it uses: a dependency dropped from the code is dropped from the list, so the list stays what the
     * module really needs ({@code verify()} above fails on a use the list does not allow).
     */
    @Test
    void everyModuleUsesWhatItDeclares() {
        SoftAssertions softly = new SoftAssertions();
        for (ApplicationModule module : MODULES) {
            Set<String> used = module.getDirectDependencies(MODULES).uniqueModules()
                    .map(target -> target.getIdentifier().toString()).collect(Collectors.toSet());
            List<String> declared = ApplicationModuleInformation.of(module.getBasePackage()).getDeclaredDependencies()
                    .stream().map(dependency -> dependency.split("::")[0].trim())
                    .filter(name -> !name.equals(org.springframework.modulith.ApplicationModule.OPEN_TOKEN))
                    .distinct().toList();
            softly.assertThat(used).as("modules that %s uses", module.getIdentifier()).containsAll(declared);
        }
        softly.assertAll();
    }

    @Test
    void referralKnowsNothingOfRoutingWhichListensToItsEvents() {
        assertThat(dependencies("referral").containsModuleNamed("routing")).isFalse();
        assertThat(dependencies("routing").containsModuleNamed("referral")).isTrue();
    }

    /**
     * Component diagram, one diagram and one canvas per module, and {@code all-docs.adoc} gathering them: into
     * {@code docs/modules/} with {@code -Dmodules.docs=write} (the Documenter orders some lines differently from one
     * run to the next, so an ordinary build writes them under {@code target/} and leaves the repository clean).
     */
    @Test
    void writesTheModuleDocumentation() {
        String folder = "write".equals(System.getProperty("modules.docs")) ? "docs/modules" : "target/modules-docs";
        new Documenter(MODULES, Documenter.Options.defaults().withOutputFolder(folder)).writeDocumentation();
        assertThat(Path.of(folder, "components.puml")).exists();
    }

    private static ApplicationModuleDependencies dependencies(String name) {
        ApplicationModule module = MODULES.getModuleByName(name).orElseThrow();
        return module.getDirectDependencies(MODULES);
    }
}
