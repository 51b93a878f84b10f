package org.townbrain.access;

/** What a user does in the programme; one per user. */
public enum Role {
    /** 市美丽城镇办: oversees every town. */
    COUNTY_ADMIN,
    /** 片区大党委: a cluster's towns. */
    CLUSTER_LEAD,
    /** 镇街工作人员. */
    TOWN_STAFF,
    /** 网格员. */
    GRID_WORKER,
    /** 督查员. */
    INSPECTOR,
    /** 双师: chief designers and resident planners. */
    EXPERT,
    /** 代办员. */
    AGENT,
    /** 企业. */
    ENTERPRISE,
    /** 值班. */
    DUTY_OFFICER;

    public String authority() {
        return "ROLE_" + name();
    }
}
