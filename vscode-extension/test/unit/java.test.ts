import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { test } from 'node:test';
import { JavaProbe, findJava, javaMajor } from '../../src/service/java';

function machine(javas: Record<string, string>): JavaProbe {
	return { versionText: async java => javas[java], isFile: file => file in javas };
}

const J17 = 'openjdk version "17.0.15" 2025-04-15\nOpenJDK Runtime Environment';
const J8 = 'java version "1.8.0_412"';

test('java -version is read as Java reads it', () => {
	assert.equal(javaMajor(J17), 17);
	assert.equal(javaMajor(J8), 8);
	assert.equal(javaMajor('openjdk version "21" 2023-09-19'), 21);
	assert.equal(javaMajor('bash: java: not found'), undefined);
});

test('the setting first, then JAVA_HOME, then the PATH', async () => {
	const javas = { [path.join('/set', 'bin', 'java')]: J17, [path.join('/home17', 'bin', 'java')]: J17, [path.join('/usr/bin', 'java')]: J17 };
	assert.deepEqual(await findJava('/set', { JAVA_HOME: '/home17', PATH: '/usr/bin' }, machine(javas), 'linux'), { java: path.join('/set', 'bin', 'java'), major: 17 });
	assert.deepEqual(await findJava('', { JAVA_HOME: '/home17', PATH: '/usr/bin' }, machine(javas), 'linux'), { java: path.join('/home17', 'bin', 'java'), major: 17 });
	assert.deepEqual(await findJava(undefined, { JAVA_HOME: '/nothing', PATH: '/none:/usr/bin' }, machine(javas), 'linux'), { java: path.join('/usr/bin', 'java'), major: 17 });
});

test('a setting that names no Java, an old Java and no Java at all are clear errors', async () => {
	const wrong = await findJava('/nope', { PATH: '/usr/bin' }, machine({ [path.join('/usr/bin', 'java')]: J17 }), 'linux');
	assert.match((wrong as { problem: string }).problem, /There is no bin.java in the setting dfuTools.javaHome \(\/nope\)/);
	const old = await findJava(undefined, { PATH: '/old/bin' }, machine({ [path.join('/old/bin', 'java')]: J8 }), 'linux');
	assert.match((old as { problem: string }).problem, /is Java 8: DFU Tools needs Java 17 or newer/);
	const none = await findJava(undefined, { PATH: '/usr/bin' }, machine({}), 'linux');
	assert.match((none as { problem: string }).problem, /none was found/);
});
