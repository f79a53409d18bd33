import type { ActorType } from '../src/lib/shared/domain';

/** Who changed a request: recorded with every state change. */
export type Actor = { type: 'device'; id: string } | { type: 'staff'; id: string; name: string } | { type: 'system'; name?: string };

export function actorColumns(actor: Actor): { actorType: ActorType; actorId: string | null; actorName: string | null } {
	switch (actor.type) {
		case 'device':
			return { actorType: 'device', actorId: actor.id, actorName: null };
		case 'staff':
			return { actorType: 'staff', actorId: actor.id, actorName: actor.name };
		case 'system':
			return { actorType: 'system', actorId: null, actorName: actor.name ?? null };
	}
}
