import type { Config } from '../config';
import type { ServiceChannels } from './notices';

/** The channels this server tells visitors through besides push: email with SMTP or Notify's email template, texts with Notify's text template. */
export const serviceChannels = (config: Pick<Config, 'smtpUrl' | 'notify'>): ServiceChannels => ({
	email: Boolean(config.smtpUrl || config.notify?.emailTemplateId),
	sms: Boolean(config.notify?.smsTemplateId)
});
