import type { messagesVisitorEn } from '../en/messages-visitor';
import type { WelshCatalogue } from '../index';

export const messagesVisitorCy: WelshCatalogue<typeof messagesVisitorEn> = {
	'visitor.messages.heading': 'Sut rydym yn rhoi gwybod i chi beth sy’n digwydd',
	'visitor.messages.channels.legend': 'Sut dylem roi gwybod i chi?',
	'visitor.messages.channels.hint':
		'Rydym yn rhoi gwybod i chi pan fydd penderfyniad ar eich cais, os bydd unrhyw beth yn newid, a’r diwrnod cyn eich ymweliad.',
	'visitor.messages.channel.push': 'Hysbysiad gan yr ap hwn',
	'visitor.messages.channel.email': 'E-bost',
	'visitor.messages.channel.sms': 'Neges destun',
	'visitor.messages.channel.email.hint': 'I gyfeiriad e-bost y prif ymwelydd',
	'visitor.messages.channel.sms.hint': 'I rif ffôn symudol y prif ymwelydd yn y DU',
	'visitor.messages.language.legend': 'Ym mha iaith y dylai negeseuon fod?',
	'visitor.messages.language.en': 'Saesneg (English)',
	'visitor.messages.language.cy': 'Cymraeg',
	'visitor.messages.none':
		'Ni allwn anfon negeseuon atoch ar y ffôn hwn. Agorwch yr ap hwn ac edrych ar “Eich ymweliadau” i weld beth sy’n digwydd i’ch cais.',
	'visitor.messages.sent.heading': 'Negeseuon a anfonwyd atoch',
	'visitor.messages.sent.none': 'Nid ydym wedi anfon unrhyw negeseuon atoch am yr ymweliad hwn eto.',
	'visitor.messages.line': '{channel} i {to}: {status}',
	'visitor.messages.lineNoAddress': '{channel}: {status}',
	'visitor.messages.status.queued': 'yn aros i gael ei hanfon',
	'visitor.messages.status.sending': 'yn cael ei hanfon',
	'visitor.messages.status.sent': 'wedi’i hanfon',
	'visitor.messages.status.delivered': 'wedi cyrraedd',
	'visitor.messages.status.failed': 'heb gyrraedd'
};
