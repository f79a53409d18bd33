import { Hono } from 'hono';
import { z } from 'zod';
import { t } from '../../src/lib/shared/i18n';
import { ContactUpdate, MESSAGE_CHANNELS } from '../../src/lib/shared/schemas';
import type { AppDeps } from '../app-deps';
import { requireDevice } from '../auth/middleware';
import { ApiError } from '../http/errors';
import { isUuid } from '../http/ids';
import { validate } from '../http/validation';
import { serviceChannels } from '../messages/channels';
import { contactOf, updateContact } from '../messages/contact';
import { applyNotifyReceipt, callbackTokenMatches, NOTIFY_RECEIPT_STATUSES } from '../messages/record';
import { MessageRecordAnswer } from '../openapi/answers';
import { docs, error, json } from '../openapi/describe';

const ChannelsAnswer = z
	.object({
		channels: z.array(z.enum(MESSAGE_CHANNELS)).meta({ description: 'Push always (if the phone can); email and sms when configured' })
	})
	.meta({ id: 'MessageChannels' });

const ContactAnswer = z
	.object({
		channels: z
			.array(z.enum(MESSAGE_CHANNELS))
			.nullable()
			.meta({ description: 'Null: no choice made (every channel they gave an address for)' }),
		messageLanguage: z.enum(['en', 'cy']),
		email: z.string().nullable(),
		phone: z.string().nullable(),
		messages: z.array(MessageRecordAnswer)
	})
	.meta({ id: 'Contact' });

/**
 * GOV.UK Notify's delivery receipt (its callback). Notify sends more fields than these; they are
 * not needed and not refused.
 */
const NotifyReceipt = z.object({
	id: z.string().min(1).max(100),
	status: z.enum(NOTIFY_RECEIPT_STATUSES),
	completed_at: z.string().nullable().optional()
});

const ReceiptAnswer = z.object({ updated: z.boolean() });

/**
 * How families are told: the channels this service has, a request's messages and contact choice
 * (the device that owns it), and Notify's delivery receipts.
 */
export function messageRoutes(deps: AppDeps) {
	const available = serviceChannels(deps.config);
	const channels = MESSAGE_CHANNELS.filter((channel) => channel === 'push' || available[channel]);
	const owned = (id: string) => {
		if (!isUuid(id)) throw ApiError.notFound(t('api.request.notFound'));
		return id;
	};

	return new Hono()
		.get(
			'/messages/channels',
			docs({
				summary: 'The channels this service can tell families on (the check page offers only these)',
				tags: ['messages'],
				answers: { 200: json(ChannelsAnswer, 'The channels') }
			}),
			(c) => c.json({ channels }, 200)
		)
		.post(
			'/notify/callback',
			docs({
				summary: "GOV.UK Notify's delivery receipt: moves a sent message to delivered or failed (bearer: NOTIFY_CALLBACK_TOKEN)",
				tags: ['messages'],
				answers: {
					200: json(ReceiptAnswer, 'Taken (updated: whether a sent message changed)'),
					400: error('Not a receipt (fields say why)'),
					401: error('Wrong or missing token')
				}
			}),
			async (c, next) => {
				// Before the body is read: nobody else learns what a receipt must look like.
				const given = c.req.header('authorization')?.match(/^Bearer (.+)$/)?.[1];
				if (!callbackTokenMatches(deps.config.notify?.callbackToken, given)) {
					throw new ApiError(401, 'unauthorized', t('notify.callback.unauthorised'));
				}
				await next();
			},
			validate('json', NotifyReceipt),
			async (c) => {
				const receipt = c.req.valid('json');
				const at = receipt.completed_at ? new Date(receipt.completed_at) : deps.clock();
				const updated = await applyNotifyReceipt(deps.db, {
					providerId: receipt.id,
					status: receipt.status,
					at: Number.isNaN(at.getTime()) ? deps.clock() : at
				});
				return c.json({ updated }, 200);
			}
		)
		.get(
			'/visit-requests/:id/messages',
			docs({
				summary: "How the family is told about one of this device's requests, and every message sent",
				tags: ['messages'],
				answers: { 200: json(ContactAnswer, 'The choice and the messages'), 404: error("Not one of this device's requests") }
			}),
			requireDevice(deps),
			async (c) => c.json(await contactOf(deps.db, owned(c.req.param('id')), c.var.device.id), 200)
		)
		.patch(
			'/visit-requests/:id/contact',
			docs({
				summary: 'Change how the family is told: channels, message language, the lead visitor’s email and mobile',
				tags: ['messages'],
				answers: {
					200: json(ContactAnswer, 'Changed'),
					400: error('Bad input: an unknown channel or language, a number that is not a UK mobile, no address (fields say which)'),
					404: error("Not one of this device's requests")
				}
			}),
			requireDevice(deps),
			validate('json', ContactUpdate),
			async (c) =>
				c.json(
					await updateContact(deps.db, {
						requestId: owned(c.req.param('id')),
						deviceId: c.var.device.id,
						input: c.req.valid('json'),
						available
					}),
					200
				)
		);
}
