package io.flowsentry.collector.config;

import java.util.List;
import java.util.Map;
import java.util.Set;

/** Reads {@code kafka:}, the scale-out over Apache Kafka (off unless {@code bootstrap_servers} is set). */
final class KafkaSection {

    static final Set<String> KEYS = Set.of("bootstrap_servers", "role", "topic", "group", "instance_id", "properties");

    /**
     * Client properties flowsentry sets itself: a {@code properties:} entry may not override them, since the
     * wire format and the partitioning by source depend on them.
     */
    static final List<String> RESERVED_PROPERTIES = List.of("bootstrap.servers", "key.serializer",
            "value.serializer", "key.deserializer", "value.deserializer", "group.id", "group.instance.id",
            "enable.auto.commit", "partitioner.class");

    private KafkaSection() {
    }

    static FlowsentryConfig.Kafka read(ConfigNode n, FlowsentryConfig.Kafka d) {
        if (n == null) {
            return d;
        }
        String servers = n.text("bootstrap_servers", d.bootstrapServers());
        if (servers != null) {
            for (String s : servers.split(",")) {
                n.parse("bootstrap_servers", s.strip(), HostPort::parse);
            }
        }
        String roleText = n.text("role", d.role().text());
        FlowsentryConfig.KafkaRole role = FlowsentryConfig.KafkaRole.fromText(roleText);
        if (role == null) {
            throw new ConfigException(n.pathOf("role") + ": '" + roleText + "' is not a role (known: forward, detect)");
        }
        String topic = n.text("topic", d.topic());
        if (topic.isBlank() || !topic.matches("[a-zA-Z0-9._-]{1,249}")) {
            throw new ConfigException(n.pathOf("topic") + ": '" + topic
                    + "' is not a Kafka topic name (letters, digits, '.', '_', '-', at most 249)");
        }
        String group = n.text("group", d.group());
        if (group.isBlank()) {
            throw new ConfigException(n.pathOf("group") + ": '' is not a consumer group name");
        }
        Map<String, String> properties = n.textMap("properties");
        for (String key : properties.keySet()) {
            if (RESERVED_PROPERTIES.contains(key)) {
                throw new ConfigException(n.pathOf("properties") + "." + key + ": set by flowsentry itself"
                        + (key.equals("bootstrap.servers") ? " (use kafka.bootstrap_servers)"
                        : key.equals("group.id") ? " (use kafka.group)"
                        : key.equals("group.instance.id") ? " (use kafka.instance_id)" : ""));
            }
        }
        return new FlowsentryConfig.Kafka(servers, role, topic, group, n.text("instance_id", d.instanceId()),
                properties);
    }
}
