package dev.alknet.storage;

/**
 * One ephemeral notification, as {@link Notifications#notify} sent it. Never stored: a listener that was not
 * listening when it was sent never sees it.
 */
public record Notification(String channel, String payload) {
}
