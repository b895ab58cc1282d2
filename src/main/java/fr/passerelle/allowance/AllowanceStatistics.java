package fr.passerelle.allowance;

import java.sql.Date;
import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;

import fr.passerelle.organisation.CurrentUser;
import fr.passerelle.organisation.OrganisationKind;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The allowance on the statistics page (fragment {@code allowance/statistics}), for the Caf's officers and
 * administrators: amounts paid per month and per intercommunality over the last twelve months, and the childminders
 * supported (with a statement paid). A figure concerning fewer childminders than the statistics' threshold is masked,
 * its amount with it, as every small figure of the page is.
 */
@Service("allowanceStatistics")
public class AllowanceStatistics {

    private final JdbcClient jdbc;
    private final Clock clock;
    private final int threshold;

    AllowanceStatistics(JdbcClient jdbc, Clock clock,
            @Value("${passerelle.statistics.min-families:5}") int threshold) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.threshold = threshold;
    }

    /** One line: a month or a territory, the childminders paid, the amount paid (null when masked). */
    public record Line(String label, long childminders, Long paidCents) {

        public boolean masked(int threshold) {
            return childminders < threshold;
        }
    }

    public record Figures(List<Line> months, List<Line> territories, Line total, int threshold) {
    }

    /** The figures of the user's Caf; none for anyone else. */
    @Transactional(readOnly = true)
    public Figures figures(CurrentUser user) {
        if (user == null || user.getOrganisationKind() != OrganisationKind.CAF) {
            return null;
        }
        LocalDate from = YearMonth.now(clock).minusMonths(11).atDay(1);
        record Row(int kind, Line line) {
        }
        List<Row> rows = jdbc.sql("""
                        select case when grouping(p.month) = 0 then 0 when grouping(p.territory) = 0 then 1 else 2 end,
                               coalesce(to_char(p.month, 'MM/YYYY'), p.territory, ''),
                               count(distinct p.childminder_id), sum(p.total_cents)
                        from (select s.month, s.childminder_id, s.total_cents,
                                     coalesce(e.name, m.name) as territory
                              from allowance_statement s
                              join childminder c on c.id = s.childminder_id
                              join commune m on m.insee_code = c.commune_code
                              left join epci e on e.code = m.epci_code
                              where s.departement_code = ? and s.status = 'PAID' and s.month >= ?) p
                        group by grouping sets ((p.month), (p.territory), ())
                        order by 1, p.month desc, 2""")
                .param(user.getDepartementCode()).param(Date.valueOf(from))
                .query((rs, n) -> new Row(rs.getInt(1), mask(new Line(rs.getString(2), rs.getLong(3),
                        rs.getLong(4)))))
                .list();
        List<Line> months = rows.stream().filter(r -> r.kind() == 0).map(Row::line).toList();
        List<Line> territories = rows.stream().filter(r -> r.kind() == 1).map(Row::line).toList();
        Line total = rows.stream().filter(r -> r.kind() == 2).map(Row::line).findFirst()
                .orElse(new Line("", 0, null));
        return new Figures(months, territories, total, threshold);
    }

    private Line mask(Line line) {
        return line.childminders() < threshold ? new Line(line.label(), line.childminders(), null) : line;
    }
}
