import type { Messages } from '../messages.js';

/** Japanese: loaded on first use (see `messagesReady` in ../messages.ts). */
const ja: Messages = {
  connecting: '接続中…',
  noHost: '配信プラットフォームに接続されていません。',
  tokens: '{n}トークン',
  bits: '{n}ビッツ',

  counterLabel: '人が視聴中',
  counterNoHost: '配信プラットフォーム未接続',
  counterUnsupported: 'このプラットフォームは視聴者数を提供していません',
  counterOffline: 'プラットフォームとの接続が切れています',
  counterUnavailable: '視聴者数を取得できません',
  counterBreakdown: 'プラットフォーム別',

  tipMenu: 'チップメニュー',
  tipOff: 'チップメニューはオフです。',
  tipEmpty: 'チップメニューにはまだ項目がありません。',
  tipNoSpend: 'ここではチップを送れません。',
  tipGuest: 'チップを送るにはログインしてください。',
  tipSignIn: 'ログイン',
  tipConnecting: 'プラットフォームに接続中…',
  tipOffline: 'オフライン：接続が戻るとチップを送れます。',
  tipPending: '（プラットフォームの応答待ち）',
  tipThanks: 'ありがとうございます！「{item}」を送りました。',
  tipCancelled: '「{item}」はキャンセルされました。',
  tipFailed: '「{item}」は送れませんでした。',
  tipChargedLate: '「{item}」は結局送られました：プラットフォームの確認が遅れて届きました。',
  tipChargedLateUnknown: 'チップは結局送られました：プラットフォームの確認が遅れて届きました。',

  wheelLabel: 'ルーレット',
  wheelSegments: '{label}：項目',
  wheelSpin: '回す',
  wheelSpinning: '回転中…',
  wheelResult: '結果：{label}',
  wheelHistory: '最近の結果',
  wheelNoMenu: 'このプラットフォームにはチップメニューがありません。',
  wheelMenuEmpty: 'チップメニューは空です。',
  wheelAllWon: 'すべての項目が当たりました。もう一度回すにはリセットしてください。',
  wheelEmpty: 'ルーレットの項目がまだありません。',

  pillLive: 'ライブ',
  pillReconnecting: '再接続中…',
  pillOffline: 'オフライン',
  pillNoHost: '未接続',
  pillDetails: '接続の詳細',
  pillMove: 'ステータス表示を移動',
  pillMoveHint: '矢印キーで移動、Shiftキーで大きく移動します。',
  pillReconnect: '再接続',

  boardLabel: '{window}のトップ支援者',
  boardSession: 'この配信',
  board1d: '過去24時間',
  board7d: '過去7日間',
  board30d: '過去30日間',
  boardAll: '全期間',
  boardEmpty: 'まだチップはありません。',
  boardNoTips: 'このプラットフォームはチップ情報を提供していません。',
};

export default ja;
