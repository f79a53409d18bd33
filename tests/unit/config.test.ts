import { describe, expect, it } from 'vitest';
import { ConfigError, databasePoolSize, loadConfig } from '../../server/config';

describe('server settings', () => {
	it('has defaults for a plain `npm start`', () => {
		expect(loadConfig({})).toEqual({
			port: 3000,
			host: '0.0.0.0',
			dataDir: './data',
			staticDir: './build',
			seed: 'demo',
			staffPasswordLogin: true,
			pushAllowInsecure: false,
			allowedOrigins: [],
			mailFrom: 'Book a prison visit <no-reply@visits.invalid>',
			reminderHour: 18,
			trustProxy: false,
			logLevel: 'info',
			databasePoolSize: databasePoolSize()
		});
	});

	it('sizes the PostgreSQL pool for the machine: 8 connections a core, never under 10', () => {
		expect(databasePoolSize(1)).toBe(10);
		expect(databasePoolSize(2)).toBe(16);
		expect(databasePoolSize(8)).toBe(64);
		expect(loadConfig({ DATABASE_POOL_SIZE: '5' }).databasePoolSize).toBe(5);
	});

	it('reads the security settings', () => {
		expect(
			loadConfig({
				PUSH_ALLOWED_HOSTS: 'FCM.googleapis.com, *.push.example',
				NEW_DEVICES_PER_ADDRESS_PER_HOUR: '50',
				NEW_REQUESTS_PER_PRISON_PER_MINUTE: '30',
				TRUST_PROXY: '1',
				PUBLIC_URL: 'https://visits.example/'
			})
		).toMatchObject({
			pushAllowedHosts: ['fcm.googleapis.com', '*.push.example'],
			newDevicesPerAddressPerHour: 50,
			newRequestsPerPrisonPerMinute: 30,
			trustProxy: true,
			publicUrl: 'https://visits.example'
		});
		expect(() => loadConfig({ PUSH_ALLOWED_HOSTS: 'https://x/' })).toThrow(ConfigError);
	});

	it('reads the environment, treating empty variables as unset', () => {
		const config = loadConfig({
			PORT: '8080',
			DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/app',
			DEMO_STAFF_PASSWORD: '',
			PUSH_ALLOW_INSECURE: '1',
			ALLOWED_ORIGINS: 'https://visits.example/, http://localhost:5173',
			SEED: 'none'
		});
		expect(config).toMatchObject({
			port: 8080,
			databaseUrl: 'postgres://postgres@127.0.0.1:5432/app',
			pushAllowInsecure: true,
			allowedOrigins: ['https://visits.example', 'http://localhost:5173'],
			seed: 'none'
		});
		expect(config.demoStaffPassword).toBeUndefined();
	});

	it('names every bad setting', () => {
		try {
			loadConfig({ PORT: 'eighty', SEED: 'lots', ALLOWED_ORIGINS: 'not a url' });
			expect.unreachable();
		} catch (error) {
			expect(error).toBeInstanceOf(ConfigError);
			const problems = (error as ConfigError).problems.join('\n');
			expect(problems).toMatch(/PORT/);
			expect(problems).toMatch(/SEED/);
			expect(problems).toMatch(/ALLOWED_ORIGINS/);
		}
	});
});

describe('email and reminder settings', () => {
	it('reads SMTP_URL, MAIL_FROM and REMINDER_HOUR, and refuses bad ones', () => {
		expect(
			loadConfig({ SMTP_URL: 'smtp://user:pass@mail.example:587', MAIL_FROM: 'Visits <visits@prison.example>', REMINDER_HOUR: '7' })
		).toMatchObject({
			smtpUrl: 'smtp://user:pass@mail.example:587',
			mailFrom: 'Visits <visits@prison.example>',
			reminderHour: 7
		});
		expect(() => loadConfig({ SMTP_URL: 'http://mail.example', REMINDER_HOUR: '24' })).toThrow(/SMTP_URL.*REMINDER_HOUR/);
	});
});
