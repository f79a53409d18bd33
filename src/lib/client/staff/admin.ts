import type { AdminStaffUserView, SetPasswordLinkView } from '../../shared/schemas-admin';
import type { Prison } from '../../shared/types';
import { apiGet, apiSend, type ApiResult } from '../api';

/*
 * Administration pages' calls. They go to the server at once (no outbox): administration needs a
 * connection, and the pages say so.
 */
const staff = { auth: 'staff' } as const;

export const adminApi = {
	prisons: (): Promise<ApiResult<{ prisons: Prison[] }>> => apiGet('/api/admin/prisons', staff),
	createPrison: (body: unknown): Promise<ApiResult<Prison>> => apiSend('POST', '/api/admin/prisons', body, staff),
	updatePrison: (id: string, body: unknown): Promise<ApiResult<Prison>> => apiSend('PATCH', `/api/admin/prisons/${encodeURIComponent(id)}`, body, staff),
	staffUsers: (): Promise<ApiResult<{ staff: AdminStaffUserView[] }>> => apiGet('/api/admin/staff', staff),
	createStaffUser: (body: unknown): Promise<ApiResult<{ user: AdminStaffUserView; link: SetPasswordLinkView }>> => apiSend('POST', '/api/admin/staff', body, staff),
	updateStaffUser: (id: string, body: unknown): Promise<ApiResult<AdminStaffUserView>> => apiSend('PATCH', `/api/admin/staff/${encodeURIComponent(id)}`, body, staff),
	newLink: (id: string): Promise<ApiResult<{ user: AdminStaffUserView; link: SetPasswordLinkView }>> =>
		apiSend('POST', `/api/admin/staff/${encodeURIComponent(id)}/password-link`, undefined, staff),
	deactivate: (id: string): Promise<ApiResult<AdminStaffUserView>> => apiSend('POST', `/api/admin/staff/${encodeURIComponent(id)}/deactivate`, undefined, staff),
	setPassword: (body: unknown): Promise<ApiResult<{ email: string }>> => apiSend('POST', '/api/staff/set-password', body)
};
