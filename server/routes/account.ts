import { Hono } from 'hono';
import { t } from '../../src/lib/shared/i18n';
import type { AccountView } from '../../src/lib/shared/schemas-accounts';
import { accountOfDevice, deleteSavedVisitor, savedVisitors } from '../accounts/accounts';
import type { AppDeps } from '../app-deps';
import { requireDevice, type DeviceEnv } from '../auth/middleware';
import { ApiError } from '../http/errors';
import { isUuid } from '../http/ids';
import { AccountAnswer } from '../openapi/answers';
import { docs, empty, error, json } from '../openapi/describe';

/** A visitor's account as their phone sees it (issue #29): signed in or not, and the visitors it keeps. */
export function accountRoutes(deps: AppDeps) {
	return new Hono<DeviceEnv>()
		.use(requireDevice(deps))
		.get(
			'/',
			docs({
				summary: 'Whether this phone is signed in with GOV.UK One Login, and the visitors the account keeps',
				tags: ['visitor'],
				answers: { 200: json(AccountAnswer, 'The account, or signedIn false') }
			}),
			async (c) => {
				const accountId = c.var.device.stored ? await accountOfDevice(deps.db, c.var.device.id) : null;
				const view: AccountView = {
					oneLogin: deps.config.oneLogin !== undefined,
					signedIn: accountId !== null,
					visitors: accountId ? await savedVisitors(deps.db, accountId) : []
				};
				return c.json(view, 200);
			}
		)
		.delete(
			'/visitors/:id',
			docs({
				summary: 'Stop keeping a visitor on the account',
				tags: ['visitor'],
				answers: { 204: empty('Deleted'), 404: error('Not a visitor kept on this phone’s account (not_found)') }
			}),
			async (c) => {
				const id = c.req.param('id');
				if (!isUuid(id) || !(await deleteSavedVisitor(deps.db, c.var.device.id, id)))
					throw ApiError.notFound(t('api.account.visitorNotFound'));
				return c.body(null, 204);
			}
		);
}
