/**
 * The 2025 reorganisation as data (brief §3, docs/encoding-seeds.md): a plan outlives the agencies it names,
 * so a draft declares their successors up front. Only bodies the convention lists are covered; the officer
 * adds others (e.g. Sở Giao thông vận tải → Sở Xây dựng) when reviewing.
 */
import type { AgencyKind } from './agencies.js';

export interface SuccessorRule {
  from: string;
  successors: { id: string; name: string; kind: AgencyKind; function?: string }[];
  basis: string;
}

const decree45 = 'Nghị định số 45/2025/NĐ-CP ngày 28/02/2025 của Chính phủ; sắp xếp các sở thuộc UBND tỉnh từ 01/03/2025';

export const reorganisation: Readonly<Record<string, SuccessorRule>> = {
  'so-lao-dong-thuong-binh-va-xa-hoi': {
    from: '2025-03-01',
    successors: [
      { id: 'so-noi-vu', name: 'Sở Nội vụ', kind: 'department', function: 'lao động, việc làm; vai trò thường trực của kế hoạch' },
      { id: 'so-giao-duc-va-dao-tao', name: 'Sở Giáo dục và Đào tạo', kind: 'department', function: 'giáo dục nghề nghiệp' },
    ],
    basis: decree45,
  },
  'so-ke-hoach-va-dau-tu': { from: '2025-03-01', successors: [{ id: 'so-tai-chinh', name: 'Sở Tài chính', kind: 'department' }], basis: decree45 },
  'so-thong-tin-va-truyen-thong': { from: '2025-03-01', successors: [{ id: 'so-khoa-hoc-va-cong-nghe', name: 'Sở Khoa học và Công nghệ', kind: 'department' }], basis: decree45 },
  'so-nong-nghiep-va-phat-trien-nong-thon': {
    from: '2025-03-01',
    successors: [{ id: 'so-nong-nghiep-va-moi-truong', name: 'Sở Nông nghiệp và Môi trường', kind: 'department' }],
    basis: decree45,
  },
  'so-tai-nguyen-va-moi-truong': {
    from: '2025-03-01',
    successors: [{ id: 'so-nong-nghiep-va-moi-truong', name: 'Sở Nông nghiệp và Môi trường', kind: 'department' }],
    basis: decree45,
  },
  'ubnd-cac-huyen-thanh-pho': {
    from: '2025-07-01',
    successors: [{ id: 'ubnd-cac-xa-phuong', name: 'Ủy ban nhân dân các xã, phường', kind: 'commune' }],
    basis: 'Chính quyền địa phương 2 cấp: cấp huyện kết thúc hoạt động từ 01/07/2025',
  },
};
