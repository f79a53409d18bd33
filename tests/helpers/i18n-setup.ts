// Every test file starts with the whole catalogue (both languages) loaded, as the server does.
import '../../src/lib/shared/i18n/all';
