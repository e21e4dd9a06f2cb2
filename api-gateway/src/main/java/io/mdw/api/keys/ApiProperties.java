package io.mdw.api.keys;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param publicReads reads need no key (MDW_API_PUBLIC_READS, default true); admin and trigger always do
 */
@ConfigurationProperties("mdw.api")
public record ApiProperties(boolean publicReads) {
}
