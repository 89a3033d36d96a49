// The official OpenAI Node SDK against the simulator run with `java -jar` (issue 26):
// chat, a stream, embeddings and a fault scripted over HTTP. Run by .ci/openai-sdk-check.
import OpenAI from 'openai';
import assert from 'node:assert/strict';

const base = process.argv[2];
const client = new OpenAI({ baseURL: base, apiKey: 'sk-sdk-check', maxRetries: 0, timeout: 10000 });

const chat = await client.chat.completions.create({ model: 'simulator', messages: [{ role: 'user', content: 'What is a black hole?' }] });
assert.ok(chat.choices[0].message.content.length > 0, 'chat answer has text');

let streamed = '';
let chunks = 0;
const stream = await client.chat.completions.create({ model: 'simulator', stream: true, stream_options: { include_usage: true },
	messages: [{ role: 'user', content: 'What is a black hole?' }] });
let usage = null;
for await (const chunk of stream) {
	chunks++;
	streamed += chunk.choices[0]?.delta?.content ?? '';
	usage = chunk.usage ?? usage;
}
assert.ok(chunks > 2 && streamed.length > 0, 'stream has chunks with text');
assert.ok(usage && usage.total_tokens > 0, 'stream ends with usage');

const embeddings = await client.embeddings.create({ model: 'simulator', input: ['one', 'two', 'three'] });
assert.equal(embeddings.data.length, 3, 'one vector per text');
assert.ok(embeddings.data.every((item) => item.embedding.length > 0), 'vectors are not empty');

const admin = base.replace(/\/v1\/?$/, '') + '/__admin/simulator/faults';
const scripted = await fetch(admin, { method: 'POST', headers: { 'Content-Type': 'application/json' },
	body: JSON.stringify({ endpoint: 'chat', fault: 'rate-limited', retryAfterSeconds: 1, times: 1 }) });
assert.ok(scripted.ok, 'fault scripted');
await assert.rejects(client.chat.completions.create({ model: 'simulator', messages: [{ role: 'user', content: 'Hi' }] }),
	(error) => error instanceof OpenAI.RateLimitError && error.status === 429, 'the scripted 429 reaches the SDK as RateLimitError');
const after = await client.chat.completions.create({ model: 'simulator', messages: [{ role: 'user', content: 'Hi' }] });
assert.ok(after.choices[0].message.content.length > 0, 'answers again after the fault');

console.log(`OpenAI Node SDK against the simulator: chat, stream (${chunks} chunks), embeddings, scripted 429: ok`);
