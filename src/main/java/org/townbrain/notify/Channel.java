package org.townbrain.notify;

/** Delivers a message to one target; throws when the far end did not take it. */
interface Channel {

    ChannelKind kind();

    /**
     * @param target the URL (webhook, robots) or phone number (SMS)
     * @param secret the robot's signing secret, or null
     */
    void deliver(String target, String secret, Message message) throws Exception;
}
