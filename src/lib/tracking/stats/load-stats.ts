/** Reads the published figures for a period from the server's store. */
import type { Period, PortalStats } from '../../../schemas/events.ts';
import { today } from '../../dates.ts';
import { getStore } from '../../server/context.ts';
import { minCountFromEnv, minSampleFromEnv } from './stats-params.ts';

const minCount = minCountFromEnv();
const minSample = minSampleFromEnv();

export async function loadStats(period: Period): Promise<PortalStats> {
  return (await getStore()).stats({ period, today: today(), minCount, minSample });
}
