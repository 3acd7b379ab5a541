package dev.bulwark.detect.alert;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * An alert as a Slack incoming-webhook message (also accepted by Mattermost and Rocket.Chat): a
 * plain {@code text} for notifications and a few {@code blocks} with the rule, the group, the
 * evidence location and the first response step. Text from events is escaped for Slack's markup
 * so a crafted event cannot ping channels or forge links.
 */
final class SlackMessage {
    private static final ObjectMapper JSON = new ObjectMapper();

    private SlackMessage() {}

    static String of(Alert alert) {
        ObjectNode message = JSON.createObjectNode();
        String headline = "[" + alert.severity().name() + "] " + OcsfAlerts.message(alert);
        message.put("text", escape(headline));
        ArrayNode blocks = message.putArray("blocks");
        blocks.addObject().put("type", "section").putObject("text").put("type", "mrkdwn").put("text", "*" + escape(headline) + "*");
        StringBuilder details = new StringBuilder();
        details.append("Rule `").append(escape(alert.ruleId())).append('`');
        if (!alert.location().isEmpty()) {
            details.append(" · evidence ").append(escape(alert.location()));
        }
        alert.playbook().filter(playbook -> !playbook.summary().isBlank())
                .ifPresent(playbook -> details.append("\n").append(escape(playbook.summary())));
        blocks.addObject().put("type", "section").putObject("text").put("type", "mrkdwn").put("text", details.toString());
        try {
            return JSON.writeValueAsString(message);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a Slack message could not be written", e);
        }
    }

    /** Slack's three control characters, and the mention and link syntax they open. */
    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
