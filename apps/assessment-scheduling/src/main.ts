import './tracing';
import { runUntilSignalled } from '@sec-assure/service';
import { loadConfig } from './config';
import { startAssessmentScheduling } from './app';

runUntilSignalled(() => startAssessmentScheduling(loadConfig()));
