import { Field, Float, ObjectType } from 'type-graphql';

@ObjectType({
  description: 'A reported figure: "6 Senegalese truck drivers abducted", "~80% of Mali\'s gold production"',
})
export class Quantity {
  @Field({ description: 'What is counted or measured' })
  measure!: string;

  @Field(() => Float, { description: 'The figure; shares are fractions (0.8 = 80%)' })
  value!: number;

  @Field({ description: 'True when the source hedges ("roughly", "about")' })
  approximate!: boolean;
}
