package fr.passerelle.allowance;

import java.math.BigDecimal;
import java.time.LocalDate;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotNull;

import org.springframework.format.annotation.DateTimeFormat;

/** A version of the allowance rules as the Caf administrator types it, amounts in euros (two decimals at most). */
public class RuleForm {

    @NotNull(message = "{allowance.rule.effectiveFrom.required}")
    @DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
    private LocalDate effectiveFrom;

    @NotNull(message = "{allowance.rule.amount.required}")
    @DecimalMin(value = "0.00", message = "{allowance.rule.amount.negative}")
    @DecimalMax(value = "1000.00", message = "{allowance.rule.perCareDay.tooHigh}")
    @Digits(integer = 4, fraction = 2, message = "{allowance.rule.amount.cents}")
    private BigDecimal perCareDay = BigDecimal.ZERO;

    @NotNull(message = "{allowance.rule.amount.required}")
    @DecimalMin(value = "0.00", message = "{allowance.rule.amount.negative}")
    @DecimalMax(value = "5000.00", message = "{allowance.rule.perPlaceMonth.tooHigh}")
    @Digits(integer = 4, fraction = 2, message = "{allowance.rule.amount.cents}")
    private BigDecimal perPlaceMonth = BigDecimal.ZERO;

    @DecimalMin(value = "0.00", message = "{allowance.rule.amount.negative}")
    @DecimalMax(value = "10000.00", message = "{allowance.rule.monthlyCap.tooHigh}")
    @Digits(integer = 5, fraction = 2, message = "{allowance.rule.amount.cents}")
    private BigDecimal monthlyCap;

    private long version = -1;

    static long cents(BigDecimal euros) {
        return euros.movePointRight(2).longValueExact();
    }

    static BigDecimal euros(long cents) {
        return BigDecimal.valueOf(cents).movePointLeft(2);
    }

    static RuleForm of(AllowanceRule rule) {
        RuleForm form = new RuleForm();
        form.effectiveFrom = rule.effectiveFrom();
        form.perCareDay = euros(rule.perCareDayCents());
        form.perPlaceMonth = euros(rule.perPlaceMonthCents());
        form.monthlyCap = rule.monthlyCapCents() == null ? null : euros(rule.monthlyCapCents());
        form.version = rule.version();
        return form;
    }

    public LocalDate getEffectiveFrom() {
        return effectiveFrom;
    }

    public void setEffectiveFrom(LocalDate effectiveFrom) {
        this.effectiveFrom = effectiveFrom;
    }

    public BigDecimal getPerCareDay() {
        return perCareDay;
    }

    public void setPerCareDay(BigDecimal perCareDay) {
        this.perCareDay = perCareDay;
    }

    public BigDecimal getPerPlaceMonth() {
        return perPlaceMonth;
    }

    public void setPerPlaceMonth(BigDecimal perPlaceMonth) {
        this.perPlaceMonth = perPlaceMonth;
    }

    public BigDecimal getMonthlyCap() {
        return monthlyCap;
    }

    public void setMonthlyCap(BigDecimal monthlyCap) {
        this.monthlyCap = monthlyCap;
    }

    public long getVersion() {
        return version;
    }

    public void setVersion(long version) {
        this.version = version;
    }
}
