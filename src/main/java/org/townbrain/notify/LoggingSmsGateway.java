package org.townbrain.notify;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The default SMS gateway: writes that a message would have been sent, with the number masked. */
class LoggingSmsGateway implements SmsGateway {

    private static final Logger log = LoggerFactory.getLogger(LoggingSmsGateway.class);

    @Override
    public void send(String phoneNumber, String text) {
        log.info("SMS (logging gateway, not sent) to {}: {} characters", SmsGateway.mask(phoneNumber), text.length());
    }
}
