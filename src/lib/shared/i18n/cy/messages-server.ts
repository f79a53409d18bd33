import type { messagesServerEn } from '../en/messages-server';
import type { WelshCatalogue } from '../index';

export const messagesServerCy: WelshCatalogue<typeof messagesServerEn> = {
	'sms.from': 'Trefnu ymweliad carchar:',
	'sms.sent': 'Mae eich cais i ymweld â {prison} gennym. Cyfeirnod {reference}. Byddwn yn rhoi gwybod i chi pan fydd penderfyniad.',
	'messages.notFound': 'Nid oes neges o’r fath ar gyfer y cais hwn',
	'messages.notResendable':
		'Ni ellir anfon y neges hon eto: nid yw’r cyfeiriad hwnnw gan y teulu mwyach, neu nid yw’r gwasanaeth hwn yn anfon felly mwyach',
	'notify.callback.unauthorised': 'Tocyn galw’n ôl anghywir neu ar goll'
};
