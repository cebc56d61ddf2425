import * as vscode from 'vscode';
import { Outcome } from './outcome';

/** The status bar item that shows the last operation's result; a click shows the output. */
export class LastResult implements vscode.Disposable {
	private readonly item = vscode.window.createStatusBarItem(vscode.StatusBarAlignment.Left, 10);

	constructor(showOutputCommand: string) {
		this.item.command = showOutputCommand;
		this.item.name = 'DFU Tools';
	}

	show(told: Outcome): void {
		this.item.text = `${told.ok ? '$(check)' : told.cancelled ? '$(circle-slash)' : '$(error)'} ${told.short}`;
		this.item.tooltip = told.text;
		this.item.show();
	}

	dispose(): void {
		this.item.dispose();
	}
}
