package fr.passerelle;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModule;
import org.springframework.modulith.core.ApplicationModuleDependencies;
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
