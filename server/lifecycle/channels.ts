import type { Config } from '../config';
import type { NotifyChannels } from './notify';

/** The channels this server tells visitors through: push always, email when SMTP_URL is set. */
export const notifyChannels = (config: Pick<Config, 'smtpUrl'>): NotifyChannels => ({ email: Boolean(config.smtpUrl) });
