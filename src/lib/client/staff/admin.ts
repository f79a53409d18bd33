import type { AdminStaffUserView, SetPasswordLinkView } from '../../shared/schemas-admin';
import type { CreatedIntegrationClient, IntegrationClientView } from '../../shared/schemas-integrations';
import type { Prison } from '../../shared/answers';
import type { Report } from '../../shared/report';
import { callApi, sendStored, type SendMethod } from '../api';
import type { ApiResult } from '../api-result';

/** Administration's answers are typed here (these routes are called at once, never queued). */
function send<T>(method: SendMethod, path: string, body?: unknown, auth: 'staff' | 'none' = 'staff'): Promise<ApiResult<T>> {
	return sendStored({ method, path, ...(body === undefined ? {} : { body }) }, { auth }) as Promise<ApiResult<T>>;
}
export const fetchReport = (prisonId: string, range: { from: string; to: string }): Promise<ApiResult<Report>> =>
	callApi((api) => api.staff.prisons[':prisonId'].report.$get({ param: { prisonId }, query: range }), { auth: 'staff' }) as Promise<
		ApiResult<Report>
	>;
export const apiSend = <T>(method: SendMethod, path: string, body?: unknown): Promise<ApiResult<T>> => send<T>(method, path, body);

/*
 * Administration pages' calls. They go to the server at once (no outbox): administration needs a
 * connection, and the pages say so.
 */

export const adminApi = {
	prisons: (): Promise<ApiResult<{ prisons: Prison[] }>> => callApi((api) => api.admin.prisons.$get(), { auth: 'staff' }),
	createPrison: (body: unknown): Promise<ApiResult<Prison>> => apiSend('POST', '/api/admin/prisons', body),
	updatePrison: (id: string, body: unknown): Promise<ApiResult<Prison>> =>
		apiSend('PATCH', `/api/admin/prisons/${encodeURIComponent(id)}`, body),
	staffUsers: (): Promise<ApiResult<{ staff: AdminStaffUserView[] }>> => callApi((api) => api.admin.staff.$get(), { auth: 'staff' }),
	createStaffUser: (body: unknown): Promise<ApiResult<{ user: AdminStaffUserView; link: SetPasswordLinkView }>> =>
		apiSend('POST', '/api/admin/staff', body),
	updateStaffUser: (id: string, body: unknown): Promise<ApiResult<AdminStaffUserView>> =>
		apiSend('PATCH', `/api/admin/staff/${encodeURIComponent(id)}`, body),
	newLink: (id: string): Promise<ApiResult<{ user: AdminStaffUserView; link: SetPasswordLinkView }>> =>
		apiSend('POST', `/api/admin/staff/${encodeURIComponent(id)}/password-link`),
	deactivate: (id: string): Promise<ApiResult<AdminStaffUserView>> =>
		apiSend('POST', `/api/admin/staff/${encodeURIComponent(id)}/deactivate`),
	integrations: (): Promise<ApiResult<{ integrations: IntegrationClientView[] }>> =>
		callApi((api) => api.admin.integrations.$get(), { auth: 'staff' }),
	createIntegration: (body: unknown): Promise<ApiResult<CreatedIntegrationClient>> => apiSend('POST', '/api/admin/integrations', body),
	revokeIntegration: (id: string): Promise<ApiResult<IntegrationClientView>> =>
		apiSend('DELETE', `/api/admin/integrations/${encodeURIComponent(id)}`),
	setPassword: (body: unknown): Promise<ApiResult<{ email: string }>> => send('POST', '/api/staff/set-password', body, 'none')
};
