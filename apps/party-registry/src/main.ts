import './tracing';
import { runUntilSignalled } from '@sec-assure/service';
import { loadConfig } from './config';
import { startPartyRegistry } from './app';

runUntilSignalled(() => startPartyRegistry(loadConfig()));
