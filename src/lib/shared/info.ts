// Facts the footer's information pages state, kept beside the code they describe so they stay true.
// server/auth/cookies.ts (SESSION_COOKIE) and server/auth/sessions.ts (SESSION_TTL_MS) must agree:
// tests/api/info-facts.test.ts checks.

/** The one cookie the service sets, for signed-in staff only. */
export const STAFF_SESSION_COOKIE = 'bpv_session';
export const STAFF_SESSION_HOURS = 12;
/** A prison's default retention period (prisons.retention_days). */
export const RETENTION_DAYS_DEFAULT = 180;
/** The Prisoners' Families Helpline (Pact), free to call. */
export const FAMILIES_HELPLINE = '08088082003';
export const REFERENCE_EXAMPLE = 'KX7M-4PQR';
