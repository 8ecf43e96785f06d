// Reference data from 高府发〔2023〕14号: the 15 sectors with the people the plan names for each (§三(二)1),
// the township departments that report (镇直（驻镇）单位), and 高兴镇人民政府 itself (附件2's 责任单位).
// Villages and communities are not named in the plan: admins add them with /单位 新增. Each seed has a stable key.

/** A sector is known by its id, its stable key (`sectors.seed_key` is `sector-<id>`): hazards and enterprises point at it. */
export interface SectorSeed {
  id: number;
  name: string;
  aliases: string[];
  leaders: string;
  cadres: string;
}

export const SECTORS: SectorSeed[] = [
  {
    id: 1,
    name: "道路交通",
    aliases: ["道路", "交通安全"],
    leaders: "张运元、石家能",
    cadres: "梁振根、高兴交警中队干部",
  },
  { id: 2, name: "消防", aliases: ["消防安全"], leaders: "陈中", cadres: "李才胜、镇消防队员" },
  {
    id: 3,
    name: "建筑施工",
    aliases: ["建筑", "施工"],
    leaders: "刘载斌",
    cadres: "谢邦伟、镇综合执法大队队员",
  },
  {
    id: 4,
    name: "非煤矿山",
    aliases: ["矿山"],
    leaders: "陈中、刘载斌、刘威宏",
    cadres: "赵文华、杨先钰、镇派出所干部",
  },
  { id: 5, name: "危险化学品", aliases: ["危化", "危化品", "危险品"], leaders: "陈中", cadres: "赵文华" },
  { id: 6, name: "工贸", aliases: ["工贸行业"], leaders: "廖芸茹", cadres: "王学香" },
  {
    id: 7,
    name: "城镇燃气",
    aliases: ["燃气"],
    leaders: "刘载斌、兰军锋",
    cadres: "潘其昱、市监局高兴分局干部",
  },
  {
    id: 8,
    name: "特种设备",
    aliases: ["特设"],
    leaders: "谢金标、兰军锋",
    cadres: "潘其昱、市监局高兴分局干部",
  },
  { id: 9, name: "农业生产", aliases: ["农业"], leaders: "杨金元、刘汉林", cadres: "钟修洪、赖厚辉、赖智灵" },
  { id: 10, name: "烟花爆竹", aliases: ["烟花"], leaders: "陈中、刘威宏", cadres: "赵文华、高兴派出所干部" },
  { id: 11, name: "民爆物品", aliases: ["民爆"], leaders: "许春伟、刘威宏", cadres: "陈莹、高兴派出所干部" },
  { id: 12, name: "文化旅游", aliases: ["文旅", "旅游"], leaders: "曹绪通", cadres: "高华、徐军英" },
  {
    id: 13,
    name: "校园",
    aliases: ["学校", "校园安全"],
    leaders: "廖芸茹、胡东京、刘和祥、刘威宏",
    cadres: "徐军英、中小学教师、镇派出所干部",
  },
  { id: 14, name: "自建房", aliases: ["农村自建房"], leaders: "刘载斌", cadres: "谢邦伟" },
  {
    id: 15,
    name: "村（辖区）",
    aliases: ["村", "辖区", "村辖区"],
    leaders: "各驻村领导",
    cadres: "各驻村干部和所驻村干部",
  },
];

/**
 * A seeded unit is known by its key for good: seeded once, then it is the admins' to rename, retire or delete
 * (/单位 修改, 停用, 删除), and a later start never brings back the seed's name or a deleted unit.
 */
export interface UnitSeed {
  /** stable, never changed: it names the seed in `units.seed_key` and `reference_seeds` */
  key: string;
  name: string;
  kind: "镇直" | "政府";
  aliases: string[];
}

/** The township government's seed key: it owns no hazards (src/store/units.ts knows it by this key). */
export const TOWNSHIP_GOVERNMENT_KEY = "zhengfu";

export const UNITS: UnitSeed[] = [
  {
    key: TOWNSHIP_GOVERNMENT_KEY,
    name: "高兴镇人民政府",
    kind: "政府",
    aliases: ["镇政府", "高兴镇政府", "镇人民政府"],
  },
  { key: "dangzhengban", name: "党政办", kind: "镇直", aliases: ["党政综合办"] },
  { key: "yingjiban", name: "应急办", kind: "镇直", aliases: ["镇安委办", "安委办"] },
  { key: "xiaofangzhan", name: "消防站", kind: "镇直", aliases: ["消防队"] },
  { key: "zirangziyuan", name: "自然资源分中心", kind: "镇直", aliases: ["自然资源所", "自然资源"] },
  { key: "zonghezhifa", name: "综合执法大队", kind: "镇直", aliases: ["执法大队", "综合执法"] },
  { key: "jiaojing", name: "高兴交警中队", kind: "镇直", aliases: ["交警中队", "交警"] },
  { key: "paichusuo", name: "高兴派出所", kind: "镇直", aliases: ["派出所"] },
  { key: "gongdiansuo", name: "高兴镇供电所", kind: "镇直", aliases: ["供电所"] },
  { key: "shuiwuzhan", name: "水务站", kind: "镇直", aliases: ["水务"] },
  { key: "jiaotongban", name: "交通办", kind: "镇直", aliases: [] },
  { key: "bianmin", name: "综合便民服务中心", kind: "镇直", aliases: ["便民服务中心", "便民中心"] },
  {
    key: "shijianju",
    name: "市监局高兴分局",
    kind: "镇直",
    aliases: ["工商高兴分局", "市监局", "工商分局", "市场监管分局"],
  },
  { key: "weishengyuan", name: "卫生院", kind: "镇直", aliases: ["高兴卫生院", "镇卫生院"] },
  { key: "sizhong", name: "兴国四中", kind: "镇直", aliases: ["四中"] },
  { key: "zhongxinxiaoxue", name: "高兴中心小学", kind: "镇直", aliases: ["中心小学"] },
  { key: "dianxinsuo", name: "电信所", kind: "镇直", aliases: ["电信"] },
];
