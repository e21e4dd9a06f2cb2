package io.mdw.api.web;

import java.math.BigDecimal;
import java.math.RoundingMode;

import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.ValueSerializer;

/**
 * Writes an average quality score to 3 decimals, as the old service did. The value itself is kept exact: the reports
 * average it again (over timeframes, days and series), and an average of rounded averages can be off in its last
 * decimal.
 */
public final class QualityScoreJson extends ValueSerializer<BigDecimal> {

    @Override
    public void serialize(BigDecimal score, JsonGenerator json, SerializationContext context) {
        json.writeNumber(score.setScale(3, RoundingMode.HALF_UP));
    }
}
