import './tracing';
import { runUntilSignalled } from '@sec-assure/service';
import { loadConfig } from './config';
import { startReportDistribution } from './app';

runUntilSignalled(() => startReportDistribution(loadConfig()));
