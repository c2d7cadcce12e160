import { Field, ID, InterfaceType } from 'type-graphql';

/**
 * Relay global object identification: an id that names one object across the whole API, so a
 * client cache (Relay, Apollo, urql) can refetch any object with `node(id:)`. Entity ids are
 * already global: actors, places, events, allegations and sources share one id space.
 */
@InterfaceType('Node', {
  description: 'An object with a globally unique id (Relay global object identification): refetch it with node(id)',
})
export abstract class Node {
  @Field(() => ID, { description: 'Globally unique across every kind: node(id) answers this object' })
  id!: string;
}
