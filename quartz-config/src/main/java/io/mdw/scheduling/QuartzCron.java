package io.mdw.scheduling;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import org.quartz.CronExpression;

/** A Quartz cron expression (seconds first), checked when the setting is bound rather than when the trigger is made. */
@Documented
@Constraint(validatedBy = QuartzCron.Validator.class)
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@interface QuartzCron {

    String message() default "must be a Quartz cron expression: seconds minutes hours day-of-month month day-of-week"
            + " [year], one of day-of-month and day-of-week '?', e.g. '0 0 2 * * ?' for 02:00 every day";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Validator implements ConstraintValidator<QuartzCron, String> {

        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            return value == null || CronExpression.isValidExpression(value);
        }
    }
}
