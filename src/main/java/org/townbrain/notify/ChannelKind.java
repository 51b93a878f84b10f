package org.townbrain.notify;

/** Where a message goes. */
public enum ChannelKind {
    /** A plain HTTP POST of JSON to any URL. */
    WEBHOOK,
    /** A DingTalk group robot (钉钉群机器人), signed with its secret. */
    DINGTALK,
    /** A WeCom group robot (企业微信群机器人). */
    WECOM,
    /** A text message through the configured SMS gateway. */
    SMS
}
