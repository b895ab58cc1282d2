package fr.passerelle.allowance;

import fr.passerelle.organisation.CurrentUser;
import fr.passerelle.system.RejectedChangeException;
import fr.passerelle.system.StaleDataException;

import jakarta.validation.Valid;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The Caf administrator's allowance rules: the versions, a new version, a version not yet used changed. */
@Controller
@RequestMapping("/admin/allowance/rules")
class AdminAllowanceRuleController {

    private static final String VIEW = "allowance/admin-rules";

    private final AllowanceRules rules;

    AdminAllowanceRuleController(AllowanceRules rules) {
        this.rules = rules;
    }

    @GetMapping
    String list(@AuthenticationPrincipal CurrentUser admin, Model model) {
        return page(admin, model, new RuleForm(), null);
    }

    @GetMapping("/{id}")
    String edit(@AuthenticationPrincipal CurrentUser admin, @PathVariable long id, Model model) {
        return page(admin, model, RuleForm.of(rules.get(admin, id)), id);
    }

    @PostMapping
    String add(@AuthenticationPrincipal CurrentUser admin, @Valid @ModelAttribute("ruleForm") RuleForm form,
            BindingResult result, Model model, RedirectAttributes redirect) {
        return save(admin, null, form, result, model, redirect);
    }

    @PostMapping("/{id}")
    String update(@AuthenticationPrincipal CurrentUser admin, @PathVariable long id,
            @Valid @ModelAttribute("ruleForm") RuleForm form, BindingResult result, Model model,
            RedirectAttributes redirect) {
        rules.get(admin, id);
        return save(admin, id, form, result, model, redirect);
    }

    private String save(CurrentUser admin, Long id, RuleForm form, BindingResult result, Model model,
            RedirectAttributes redirect) {
        if (!result.hasErrors()) {
            try {
                if (id == null) {
                    rules.add(admin, form);
                }
                else {
                    rules.update(admin, id, form);
                }
                redirect.addFlashAttribute("flash", "allowance.flash.ruleSaved");
                return "redirect:/admin/allowance/rules";
            }
            catch (RejectedChangeException ex) {
                result.rejectValue(ex.getField(), ex.getMessageCode(), ex.getArguments(), null);
            }
            catch (DuplicateKeyException ex) {
                result.rejectValue("effectiveFrom", "allowance.rule.sameDay");
            }
            catch (StaleDataException ex) {
                result.rejectValue("effectiveFrom", "allowance.rule.stale");
            }
        }
        return page(admin, model, form, id);
    }

    private String page(CurrentUser admin, Model model, RuleForm form, Long editing) {
        model.addAttribute("rules", rules.list(admin));
        model.addAttribute("ruleForm", form);
        model.addAttribute("editing", editing);
        return VIEW;
    }
}
