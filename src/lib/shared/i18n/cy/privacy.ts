import type { privacyEn } from '../en/privacy';
import type { WelshCatalogue } from '../index';

export const privacyCy: WelshCatalogue<typeof privacyEn> = {
	'privacy.links.heading': 'Eich data',
	'privacy.links.download': 'Lawrlwytho eich data',
	'privacy.links.forget': 'Dileu eich data o’r gwasanaeth hwn',
	'privacy.links.notice': 'Hysbysiad preifatrwydd',

	'privacy.export.title': 'Eich data',
	'privacy.export.intro': 'Dyma bopeth y mae’r gwasanaeth yn ei gadw am y ceisiadau a wnaed ar y ffôn hwn.',
	'privacy.export.loading': 'Yn nôl eich data…',
	'privacy.export.offline': 'Mae angen i chi fod ar-lein i lawrlwytho eich data.',
	'privacy.export.failed': 'Nid oedd modd lawrlwytho eich data. Rhowch gynnig arall arni nes ymlaen.',
	'privacy.export.download': 'Lawrlwytho fel ffeil (JSON)',
	'privacy.export.none': 'Nid yw’r gwasanaeth yn cadw unrhyw geisiadau o’r ffôn hwn.',
	'privacy.export.request': 'Cais {reference}',
	'privacy.export.status': 'Statws',
	'privacy.export.prisoner': 'Carcharor',
	'privacy.export.visitors': 'Ymwelwyr',
	'privacy.export.support': 'Cymorth ychwanegol',
	'privacy.export.message': 'Neges gan y carchar',
	'privacy.export.removed': 'Wedi’i ddileu',
	'privacy.export.history': 'Beth ddigwyddodd',
	'privacy.export.notifications': 'Hysbysiadau',
	'privacy.export.subscriptions.one': 'Mae 1 porwr wedi cofrestru ar gyfer hysbysiadau',
	'privacy.export.subscriptions.other': 'Mae {count} porwr wedi cofrestru ar gyfer hysbysiadau',
	'privacy.export.subscriptions.zero': 'Nid oes porwr wedi cofrestru ar gyfer hysbysiadau',
	'privacy.export.subscriptions.two': 'Mae {count} borwr wedi cofrestru ar gyfer hysbysiadau',
	'privacy.export.subscriptions.few': 'Mae {count} phorwr wedi cofrestru ar gyfer hysbysiadau',
	'privacy.export.subscriptions.many': 'Mae {count} phorwr wedi cofrestru ar gyfer hysbysiadau',
	'privacy.export.firstSeen': 'Defnyddiwyd y gwasanaeth gyntaf',

	'privacy.forget.title': 'Dileu eich data o’r gwasanaeth hwn',
	'privacy.forget.intro':
		'Mae hyn yn dileu enwau, dyddiadau geni, manylion cyswllt a manylion carcharor pob cais a wnaed ar y ffôn hwn, o’r gwasanaeth ac o’r ffôn hwn. Nid oes modd ei ddadwneud.',
	'privacy.forget.cancelWarning': 'Bydd yr ymweliadau hyn yn cael eu canslo a’u lleoedd yn cael eu rhoi i deuluoedd eraill:',
	'privacy.forget.withdrawWarning': 'Bydd y ceisiadau hyn yn cael eu tynnu’n ôl:',
	'privacy.forget.kept': 'Dim ond cyfrifon (sawl ymweliad, ar ba ddyddiau) y mae’r carchar yn eu cadw ar gyfer ystadegau.',
	'privacy.forget.confirm': 'Ie, dileu fy nata',
	'privacy.forget.back': 'Cadw fy nata',
	'privacy.forget.done': 'Mae eich data wedi’i ddileu o’r ffôn hwn ac o’r gwasanaeth.',
	'privacy.forget.queued':
		'Mae eich data wedi’i ddileu o’r ffôn hwn. Bydd y gwasanaeth yn dileu ei gopi cyn gynted ag y bydd y ffôn hwn ar-lein.',
	'privacy.forget.doneTitle': 'Mae eich data wedi’i ddileu'
};
