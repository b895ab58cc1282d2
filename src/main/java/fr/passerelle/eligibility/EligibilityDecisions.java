package fr.passerelle.eligibility;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The append-only record of eligibility decisions, with their rule results and parameters as JSON. */
@Repository
class EligibilityDecisions {

    private static final TypeReference<List<RuleResult>> RULE_RESULTS = new TypeReference<>() {
    };

    private final JdbcClient jdbc;
    private final JsonMapper json;

    EligibilityDecisions(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    void record(long referralId, long officerId, Instant at, DecisionOutcome outcome, IneligibilityReason reason,
            String comment, String justification, List<RuleResult> ruleResults, EligibilityParameters parameters) {
        jdbc.sql("""
                insert into eligibility_decision (referral_id, decided_by, decided_at, outcome, reason, comment,
                                                  justification, rule_results, parameters)
                values (?, ?, ?, ?, ?, ?, ?, cast(? as jsonb), cast(? as jsonb))""")
                .params(referralId, officerId, Timestamp.from(at), outcome.name(),
                        reason == null ? null : reason.name(), comment, justification,
                        json.writeValueAsString(ruleResults), json.writeValueAsString(parameters))
                .update();
    }

    List<RecordedDecision> forReferral(long referralId) {
        return jdbc.sql("""
                select d.id, d.decided_at, u.display_name, d.outcome, d.reason, d.comment, d.justification,
                       d.rule_results::text, d.parameters::text
                from eligibility_decision d join user_account u on u.id = d.decided_by
                where d.referral_id = ? order by d.decided_at, d.id""")
                .param(referralId)
                .query((rs, row) -> new RecordedDecision(rs.getLong(1), rs.getTimestamp(2).toInstant(),
                        rs.getString(3), DecisionOutcome.valueOf(rs.getString(4)),
                        rs.getString(5) == null ? null : IneligibilityReason.valueOf(rs.getString(5)),
                        rs.getString(6), rs.getString(7), json.readValue(rs.getString(8), RULE_RESULTS),
                        json.readValue(rs.getString(9), EligibilityParameters.class)))
                .list();
    }
}
