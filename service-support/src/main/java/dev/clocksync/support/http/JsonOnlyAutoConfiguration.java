package dev.clocksync.support.http;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.http.converter.autoconfigure.ClientHttpMessageConvertersCustomizer;
import org.springframework.boot.http.converter.autoconfigure.ServerHttpMessageConvertersCustomizer;
import org.springframework.context.annotation.Bean;

/**
 * The services speak JSON: Boot's server and client converter lists without the YAML and XML
 * converters that Spring would otherwise add (see {@link JsonOnlyConverters}).
 */
@AutoConfiguration
public class JsonOnlyAutoConfiguration {

    @Bean
    ServerHttpMessageConvertersCustomizer jsonOnlyServerConverters() {
        return JsonOnlyConverters::apply;
    }

    @Bean
    ClientHttpMessageConvertersCustomizer jsonOnlyClientConverters() {
        return JsonOnlyConverters::apply;
    }
}
