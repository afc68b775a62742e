package io.flowsentry.collector.admin;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;

/** The JSON form of the admin channel: snake_case names, unknown fields ignored (newer collectors add some). */
public final class AdminJson {

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private AdminJson() {
    }

    public static ObjectMapper mapper() {
        return MAPPER;
    }
}
