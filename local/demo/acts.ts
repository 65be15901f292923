import { callbacksAct, partnerApiService, partnerPortalService } from './callbacks';
import { callerJourneysAct } from './caller-journeys';
import { callsDay } from './calls-day';
import { qualifiedCallsAct } from './qualified-calls';
import type { DemoAct, DemoService } from './types';

/**
 * The demo of `npm start`, in order. To add a step (flow scenarios, callbacks, qualified calls),
 * write a module exporting a DemoAct beside this file and add it here.
 */
export const DEMO_ACTS: readonly DemoAct[] = [callsDay, callerJourneysAct, qualifiedCallsAct, callbacksAct];

/** Services started before the acts and stopped on exit (e.g. the partner API server). */
export const DEMO_SERVICES: readonly DemoService[] = [partnerApiService, partnerPortalService];
