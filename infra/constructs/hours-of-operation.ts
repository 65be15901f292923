import * as connect from 'aws-cdk-lib/aws-connect';
import { Construct } from 'constructs';
import { frenchHolidayOverrides, type HolidayClosure } from '#domain/time/french-holidays';
import type { DayHours } from '#domain/time/line-hours';

export interface HoursOfOperationProps {
  readonly instanceArn: string;
  /** Name shown in the Connect admin site. */
  readonly name: string;
  readonly timeZone: string;
  /** Opening hours per weekday, "HH:MM" local time; a day not listed is closed. */
  readonly weekdayHours: readonly DayHours[];
  /** Years whose French public holidays close the line. */
  readonly holidayYears: readonly number[];
}

/** Raised when a configured opening time is not "HH:MM" or ends before it starts. */
export class OpeningHoursError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'OpeningHoursError';
  }
}

function timeSlice(value: string, field: string): { hours: number; minutes: number } {
  const match = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(value);
  if (match === null) {
    throw new OpeningHoursError(`${field} "${value}" is not a time "HH:MM"`);
  }
  return { hours: Number(match[1]), minutes: Number(match[2]) };
}

/** Connect override that keeps the line closed for the whole of one holiday. */
export function closedOverride(
  closure: HolidayClosure,
): connect.CfnHoursOfOperation.HoursOfOperationOverrideProperty {
  return {
    overrideName: `${closure.name} ${closure.date.slice(0, 4)}`,
    overrideDescription: `Jour férié : ${closure.name}`,
    overrideType: 'CLOSED',
    effectiveFrom: closure.date,
    effectiveTill: closure.date,
    overrideConfig: [
      { day: closure.day, startTime: { hours: 0, minutes: 0 }, endTime: { hours: 23, minutes: 59 } },
    ],
  };
}

/**
 * The line's hours of operation in Europe/Paris: the configured weekday hours, and one CLOSED
 * override per French public holiday of the configured years (Easter-based ones included).
 */
export class HoursOfOperation extends Construct {
  public readonly hours: connect.CfnHoursOfOperation;
  public readonly holidays: readonly HolidayClosure[];

  constructor(scope: Construct, id: string, props: HoursOfOperationProps) {
    super(scope, id);
    const config = props.weekdayHours.map((dayHours) => {
      const startTime = timeSlice(dayHours.start, `${dayHours.day} start`);
      const endTime = timeSlice(dayHours.end, `${dayHours.day} end`);
      if (endTime.hours * 60 + endTime.minutes <= startTime.hours * 60 + startTime.minutes) {
        throw new OpeningHoursError(`${dayHours.day} ends at ${dayHours.end}, not after ${dayHours.start}`);
      }
      return { day: dayHours.day, startTime, endTime };
    });
    this.holidays = frenchHolidayOverrides(props.holidayYears);
    this.hours = new connect.CfnHoursOfOperation(this, 'Hours', {
      instanceArn: props.instanceArn,
      name: props.name,
      description: 'Heures d’ouverture de la ligne, fermée les jours fériés',
      timeZone: props.timeZone,
      config,
      hoursOfOperationOverrides: this.holidays.map(closedOverride),
    });
  }
}
