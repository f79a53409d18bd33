import type { instantStaffEn } from '../en/instant-staff';
import type { WelshCatalogue } from '../index';

// Cymraeg: the same keys and {placeholders} as en/instantStaff.ts.
export const instantStaffCy: WelshCatalogue<typeof instantStaffEn> = {
	'instant.field.bookingMode.invalid': 'Dewiswch "instant" neu "request" ar gyfer sut mae ceisiadau’n cael eu harchebu',
	'instant.bookingMode.heading': 'Sut mae ceisiadau’n cael eu harchebu',
	'instant.bookingMode.legend': 'Pan fydd ymwelydd yn anfon cais',
	'instant.bookingMode.instant': 'Ei archebu ar unwaith pan nad oes angen person (mae ceisiadau â baner yn aros am staff)',
	'instant.bookingMode.request': 'Aros i aelod o staff wirio pob cais',
	'instant.bookingMode.save': 'Cadw sut mae ceisiadau’n cael eu harchebu',
	'instant.bookingMode.saved': 'Mae sut mae ceisiadau’n cael eu harchebu wedi’i gadw.',
	'instant.reason.request_mode': 'Mae gan y carchar hwn aelod o staff sy’n gwirio pob cais.',
	'instant.cause.visitor_banned': 'Mae gwaharddiad bellach yn cynnwys {name} ar ddiwrnod yr ymweliad hwn ({reason}).',
	'instant.cause.non_association': 'Dim cysylltiad â {number}, sydd ag ymweliad wedi’i archebu ar yr un diwrnod.',
	'instant.cause.other': 'Newidiodd rhywbeth am yr ymweliad hwn ar ôl iddo gael ei archebu ({code}).',
	'instant.review.loading': 'Wrthi’n llwytho…',
	'instant.review.nav': 'Adolygu',
	'instant.review.heading': 'Ymweliadau sydd angen eu hadolygu',
	'instant.review.intro':
		'Ymweliadau wedi’u harchebu y newidiodd eu ffeithiau ar ôl eu harchebu, y cynharaf yn gyntaf. Cadwch ymweliad (gyda rheswm), neu agorwch ef i’w ganslo neu ei symud.',
	'instant.review.none': 'Nid oes angen adolygu unrhyw ymweliadau wedi’u harchebu.',
	'instant.review.count.one': 'Mae angen adolygu {count} ymweliad wedi’i archebu',
	'instant.review.count.other': 'Mae angen adolygu {count} ymweliad wedi’u harchebu',
	'instant.review.since': 'ers {at}',
	'instant.review.keep': 'Cadw’r ymweliad hwn',
	'instant.review.keepReason': 'Pam y gall yr ymweliad hwn fynd yn ei flaen',
	'instant.review.kept': 'Ymweliad {reference} wedi’i gadw.',
	'instant.review.nothingToKeep': 'Nid oes dim byd yn aros i’r ymweliad hwn gael ei adolygu',
	'instant.review.open': 'Agor ymweliad {reference}',
	'instant.field.reviewDecision.invalid': 'Dewiswch "keep"',
	'instant.field.reviewReason.required': 'Rhowch y rheswm pam y gall yr ymweliad hwn fynd yn ei flaen',
	'instant.nonAssoc.heading': 'Dim cysylltiad',
	'instant.nonAssoc.intro':
		'Carcharorion na ddylent gyfarfod â’r carcharor hwn. Mae cais ar gyfer diwrnod pan fo gan un ohonynt ymweliad wedi’i archebu yma yn aros am staff. Ni ddywedir wrth y teulu pam.',
	'instant.nonAssoc.none': 'Dim achosion o ddim cysylltiad wedi’u cofnodi.',
	'instant.nonAssoc.number': 'Rhif y carcharor arall',
	'instant.nonAssoc.reason': 'Rheswm',
	'instant.nonAssoc.add': 'Ychwanegu dim cysylltiad',
	'instant.nonAssoc.added': 'Dim cysylltiad â {number} wedi’i ychwanegu.',
	'instant.nonAssoc.end': 'Dod â dim cysylltiad â {number} i ben',
	'instant.nonAssoc.ended': 'Dim cysylltiad â {number} wedi dod i ben.',
	'instant.field.nonAssoc.self': 'Rhowch rif carcharor arall, nid rhif y carcharor hwn ei hun',
	'instant.field.nonAssoc.reason': 'Rhowch y rheswm dros y dim cysylltiad',
	'instant.nonAssoc.notFound': 'Nid oes dim cysylltiad â’r carcharor hwnnw',
	'flags.nonAssociation': 'Dim cysylltiad â {number}, sydd ag ymweliad wedi’i archebu ar {dates}',
	'flags.tag.non_association': 'Dim cysylltiad'
};
