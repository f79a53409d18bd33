import type { AccountView } from '../shared/schemas-accounts';
import { callApi, params } from './api';
import type { ApiResult } from './api-result';
import type { BookAPrisonVisitDb } from './db';
import { clearSignedOutDevice } from './privacy';

/*
 * Signing in with GOV.UK One Login (PRODUCT.md, "Your visits on any phone"). The app asks the server,
 * with its bearer, for a one-time link and then the browser opens it: the bearer never goes in a URL.
 * Signed in, GET /api/visit-requests answers the requests of every phone on the account, so the
 * ordinary refresh brings them into this store, to be read offline afterwards. Signing out needs
 * the outbox empty (what it holds was written with this phone's credential, which signing out ends)
 * and then clears the store; the next call makes a new credential.
 */

export function fetchAccount(db: BookAPrisonVisitDb): Promise<ApiResult<AccountView>> {
	return callApi((api) => api.account.$get(), { auth: 'device', db });
}

/** Goes to GOV.UK One Login; answers only when it could not (the page stays). */
export async function startSignIn(
	db: BookAPrisonVisitDb,
	go: (url: string) => void = (url) => location.assign(url)
): Promise<ApiResult<unknown>> {
	const result = await callApi((api) => api.auth['one-login'].start.$post(), { auth: 'device', db });
	if (result.ok) go(result.data.url);
	return result;
}

export type SignOutOutcome = 'signed-out' | 'outbox-not-empty' | 'failed';

export async function signOut(db: BookAPrisonVisitDb): Promise<SignOutOutcome> {
	if ((await db.outbox.count()) > 0) return 'outbox-not-empty';
	const result = await callApi((api) => api.auth['one-login'].logout.$post(), { auth: 'device', db });
	if (!result.ok) return 'failed';
	await clearSignedOutDevice(db);
	return 'signed-out';
}

export function deleteSavedVisitor(db: BookAPrisonVisitDb, id: string) {
	return callApi((api) => api.account.visitors[':id'].$delete({ param: params({ id }) }), { auth: 'device', db });
}
