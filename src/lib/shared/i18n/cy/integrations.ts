import type { integrationsEn } from '../en/integrations';
import type { WelshCatalogue } from '../index';

export const integrationsCy: WelshCatalogue<typeof integrationsEn> = {
	'integrations.title': 'Systemau cysylltiedig',
	'integrations.intro':
		'Mae system gysylltiedig, fel system gofnodion y carchar ei hun, yn anfon ffeithiau am garcharorion i’r gwasanaeth hwn: rhyddhau, symud rhwng carchardai, cyfyngiadau ar ymwelwyr a pheidio â chymdeithasu. Mae gan bob un ei docyn ei hun.',
	'integrations.nav': 'Systemau',
	'integrations.serviceOnly': 'Dim ond gweinyddwr gwasanaeth all reoli systemau cysylltiedig',
	'integrations.field.name': 'Enw’r system',
	'integrations.field.name.hint': 'Er enghraifft, digwyddiadau parth HMPPS (gwrandäwr SQS)',
	'integrations.field.name.required': 'Rhowch enw ar gyfer y system',
	'integrations.field.name.tooLong': 'Rhowch enw sydd â 100 o nodau neu lai',
	'integrations.add': 'Ychwanegu system gysylltiedig',
	'integrations.caption': 'Systemau cysylltiedig',
	'integrations.name': 'Enw',
	'integrations.created': 'Ychwanegwyd',
	'integrations.lastUsed': 'Anfonodd ddigwyddiad ddiwethaf',
	'integrations.never': 'Erioed',
	'integrations.status': 'Statws',
	'integrations.active': 'Gweithredol',
	'integrations.revoked': 'Wedi’i dynnu’n ôl',
	'integrations.revoke': 'Tynnu’n ôl',
	'integrations.revokedDone': 'Ni all {name} anfon digwyddiadau mwyach.',
	'integrations.none': 'Nid oes unrhyw systemau wedi’u cysylltu.',
	'integrations.location.in': 'Mae cofnodion y carchar ei hun yn dweud bod y carcharor hwn yn {prison} (ers {date}).',
	'integrations.location.released': 'Mae cofnodion y carchar ei hun yn dweud bod y carcharor hwn wedi’i ryddhau o {prison} ar {date}.',
	'integrations.ban.fromRecord': 'O gofnodion y carchar ei hun (cyfyngiad {id})',
	'integrations.tokenTitle': 'Tocyn ar gyfer {name}',
	'integrations.tokenBody':
		'Copïwch y tocyn hwn i’r system nawr: dim ond unwaith y caiff ei ddangos. Mae’r system yn ei anfon fel "Authorization: Bearer <token>" i {path}.'
};
