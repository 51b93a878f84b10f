/**
 * Outbound messages: webhook, DingTalk and WeCom group robots (with their signing), an SMS
 * gateway interface (logging by default), the duty roster that decides who gets which town's
 * warnings, retries with back-off and the delivery log.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Notify")
package org.townbrain.notify;
