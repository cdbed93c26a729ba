// The fake t.me test kit: start a server on 127.0.0.1, drive its channels, read its request log.
export { startFakeTme, pageOf, FakeChannel, fakeMediaBytes } from './server.js';
export type {
  ChannelMode,
  Fault,
  FakeChannelOptions,
  FakeFile,
  FakeMedia,
  FakeRequest,
  FakeTme,
  FakeTmeOptions,
} from './server.js';
export type { FakePost, FakeChannelInfo } from './render.js';
