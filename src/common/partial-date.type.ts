import { Field, ObjectType } from 'type-graphql';
import { parsePartialDate } from '../model/partial-date';
import { DatePrecision } from '../model/vocabulary';

@ObjectType('PartialDate', {
  description: 'A date as precise as the source gave it: "2012" (year), "2025-11" (month) or "2025-11-03" (day)',
})
export class PartialDateType {
  @Field({ description: 'The date as reported' })
  value!: string;

  @Field(() => DatePrecision)
  precision!: DatePrecision;

  @Field({ description: 'First day the date can mean (yyyy-mm-dd)' })
  earliest!: string;

  @Field({ description: 'Last day the date can mean (yyyy-mm-dd)' })
  latest!: string;

  static of(value: string | null | undefined): PartialDateType | null {
    return value ? Object.assign(new PartialDateType(), parsePartialDate(value)) : null;
  }
}
