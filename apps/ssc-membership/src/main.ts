import './tracing';
import { runUntilSignalled } from '@sec-assure/service';
import { loadConfig } from './config';
import { startSscMembership } from './app';

runUntilSignalled(() => startSscMembership(loadConfig()));
