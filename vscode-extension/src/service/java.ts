import { execFile } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';

/** The oldest Java `dfu-tools` runs on. */
export const JAVA_NEEDED = 17;

export type JavaFound = { java: string; major: number } | { problem: string };

/** How a Java is asked and looked for: the real machine in the product, a table in the unit tests. */
export interface JavaProbe {
	/** What `java -version` prints (on standard error), or undefined when it cannot run. */
	versionText(java: string): Promise<string | undefined>;
	isFile(file: string): boolean;
}

/**
 * The Java to run the service on: the setting's (a Java home folder) when set, else JAVA_HOME's, else the first `java`
 * on the PATH; 17 or newer. A setting that names no usable Java is an error, not a reason to look elsewhere: the
 * user asked for that one.
 */
export async function findJava(setting: string | undefined, env: NodeJS.ProcessEnv, probe: JavaProbe,
	platform: NodeJS.Platform = process.platform): Promise<JavaFound> {
	const executable = platform === 'win32' ? 'java.exe' : 'java';
	let java: string | undefined;
	let from: string;
	if (setting && setting.trim()) {
		java = path.join(setting.trim(), 'bin', executable);
		from = `the setting dfuTools.javaHome (${setting.trim()})`;
		if (!probe.isFile(java)) {
			return { problem: `There is no ${path.join('bin', executable)} in ${from}: set it to the folder of a Java ${JAVA_NEEDED} or newer.` };
		}
	} else if (env.JAVA_HOME && probe.isFile(path.join(env.JAVA_HOME, 'bin', executable))) {
		java = path.join(env.JAVA_HOME, 'bin', executable);
		from = `JAVA_HOME (${env.JAVA_HOME})`;
	} else {
		const separator = platform === 'win32' ? ';' : ':';
		java = (env.PATH ?? env.Path ?? '').split(separator).filter(folder => folder)
			.map(folder => path.join(folder, executable)).find(file => probe.isFile(file));
		from = 'the PATH';
	}
	if (!java) {
		return { problem: `DFU Tools needs Java ${JAVA_NEEDED} or newer, and none was found: not in the setting dfuTools.javaHome, JAVA_HOME or the PATH.` };
	}
	const text = await probe.versionText(java);
	const major = text === undefined ? undefined : javaMajor(text);
	if (major === undefined) {
		return { problem: `${java} (from ${from}) did not say its version: is it a Java? DFU Tools needs Java ${JAVA_NEEDED} or newer.` };
	}
	if (major < JAVA_NEEDED) {
		return { problem: `${java} (from ${from}) is Java ${major}: DFU Tools needs Java ${JAVA_NEEDED} or newer.` };
	}
	return { java, major };
}

/** The major version in what `java -version` prints: `version "17.0.15"` is 17, `version "1.8.0_412"` is 8. */
export function javaMajor(versionText: string): number | undefined {
	const match = /version "(\d+)(?:\.(\d+))?/.exec(versionText);
	if (!match) {
		return undefined;
	}
	const first = Number(match[1]);
	return first === 1 && match[2] !== undefined ? Number(match[2]) : first;
}

/** The machine as it is. */
export const machineJava: JavaProbe = {
	versionText: java => new Promise(resolve => {
		execFile(java, ['-version'], { timeout: 15_000 }, (error, stdout, stderr) =>
			resolve(error && !stderr ? undefined : `${stderr}${stdout}`));
	}),
	isFile: file => {
		try {
			return fs.statSync(file).isFile();
		} catch {
			return false;
		}
	},
};
