// Shapes of signing in (PRODUCT.md, "Your visits on any phone; staff sign in with their
// organisation's account"). Answers only: the routes take no body.

/** GET /api/auth/config: which ways of signing in this service offers. */
export interface SignInOptions {
	/** GOV.UK One Login is configured: "Your visits" offers signing in. */
	oneLogin: boolean;
	/** Staff may sign in with their organisation's account. */
	staffOidc: boolean;
	/** Staff may sign in with a password (STAFF_PASSWORD_LOGIN is not off). */
	staffPasswordLogin: boolean;
}

/** A visitor a signed-in family keeps to pick from next time. */
export interface SavedVisitor {
	id: string;
	firstName: string;
	lastName: string;
	dateOfBirth: string;
	email?: string;
	phone?: string;
}

/** GET /api/account: whether this phone is signed in, and what the account keeps. */
export interface AccountView {
	oneLogin: boolean;
	signedIn: boolean;
	visitors: SavedVisitor[];
}

/** POST /api/auth/one-login/start: where the browser goes to sign in (a one-time link, no bearer in it). */
export interface SignInStart {
	url: string;
}
