package org.townbrain.notify;

/**
 * Sends a text message. A deployment provides its carrier's or cloud provider's gateway as a
 * bean; without one, {@link LoggingSmsGateway} only logs (with the number masked).
 */
public interface SmsGateway {

    void send(String phoneNumber, String text) throws Exception;

    /** 13812341234 → 138****1234: phone numbers never appear in clear in logs or pages. */
    static String mask(String phone) {
        if (phone == null) {
            return "";
        }
        String p = phone.strip();
        if (p.length() < 7) {
            return "****";
        }
        return p.substring(0, 3) + "****" + p.substring(p.length() - 4);
    }
}
