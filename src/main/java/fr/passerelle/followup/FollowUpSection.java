package fr.passerelle.followup;

import java.util.List;

import fr.passerelle.organisation.CurrentUser;
import fr.passerelle.referral.AdvisorReferralPageSection;
import fr.passerelle.referral.Referral;

import org.springframework.stereotype.Component;
import org.springframework.ui.Model;

/** The follow-ups and the childcare aid prompt on the advisor's referral page (followup/referral.html). */
@Component
class FollowUpSection implements AdvisorReferralPageSection {

    private final FollowUps followUps;
    private final ChildcareAid childcareAid;

    FollowUpSection(FollowUps followUps, ChildcareAid childcareAid) {
        this.followUps = followUps;
        this.childcareAid = childcareAid;
    }

    @Override
    public void addTo(CurrentUser advisor, Referral referral, Model model) {
        if (referral.getOutcome() != null) {
            List<FollowUps.FollowUp> list = followUps.forReferral(advisor, referral.getId());
            model.addAttribute("followUps", list);
            list.stream().filter(f -> !f.isAnswered()).findFirst().ifPresent(open -> {
                model.addAttribute("openFollowUp", open);
                if (!model.containsAttribute("followUpForm")) {
                    FollowUpForm form = new FollowUpForm();
                    form.setFollowUpId(open.id());
                    form.setVersion(open.version());
                    model.addAttribute("followUpForm", form);
                }
            });
            model.addAttribute("followUpAnswers", FollowUpAnswer.values());
            model.addAttribute("endReasons", EndReason.values());
        }
        childcareAid.prompt(referral).ifPresent(prompt -> {
            model.addAttribute("childcareAid", prompt);
            ChildcareAid.Record record = childcareAid.record(advisor, referral.getId()).orElse(null);
            model.addAttribute("childcareAidRecord", record);
            model.addAttribute("childcareAidOpen", referral.getStatus() == fr.passerelle.referral.ReferralStatus.CARE_ARRANGED);
            model.addAttribute("notRequestedReasons", NotRequestedReason.values());
            if (!model.containsAttribute("childcareAidForm")) {
                ChildcareAidForm form = new ChildcareAidForm();
                if (record != null) {
                    form.setVersion(record.version());
                    form.setRequested(record.requested());
                    form.setRequestedOn(record.requestedOn());
                    form.setReason(record.reason());
                    form.setComment(record.comment());
                }
                model.addAttribute("childcareAidForm", form);
            }
        });
    }
}
